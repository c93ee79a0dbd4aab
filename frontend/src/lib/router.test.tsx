import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter, Link, matchPath, MemoryRouter, Navigate, Route, Routes, useLocation, useParams, useSearchParams } from './router';

describe('matchPath', () => {
  it('matches as React Router does: case-insensitive, trailing slash optional, one segment per :name', () => {
    expect(matchPath('/programmes/:programmeId/signup', '/programmes/a%20b/signup/')?.params).toEqual({ programmeId: 'a b' });
    expect(matchPath('/Login', '/login')).not.toBeNull();
    expect(matchPath('/networks', '/networks/x')).toBeNull();
    expect(matchPath('/coordinator/:programmeId', '/coordinator')).toBeNull();
    expect(matchPath('/', '/')).not.toBeNull();
    expect(matchPath('/', '/me')).toBeNull();
    expect(matchPath('*', '/any/where')?.params).toEqual({ '*': 'any/where' });
  });
});

function Where() {
  const location = useLocation();
  const params = useParams();
  const [search] = useSearchParams();
  return (
    <p data-testid="where">
      {location.pathname}
      {location.search} {JSON.stringify(params)} {search.get('role') ?? '-'}
    </p>
  );
}

function App() {
  return (
    <>
      <Link to="/programmes/p1/signup?role=mentor">sign up</Link>
      <Link to="/old">old</Link>
      <Routes>
        <Route path="/programmes/:programmeId/signup" element={<Where />} />
        <Route path="/old" element={<Navigate to="/new" replace />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </>
  );
}

describe('the router', () => {
  it('shows the first matching route, with its parameters and the query', async () => {
    render(
      <MemoryRouter initialEntries={['/nowhere']}>
        <App />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('where')).toHaveTextContent('/nowhere {"*":"nowhere"} -');
    await userEvent.click(screen.getByRole('link', { name: 'sign up' }));
    expect(await screen.findByText('/programmes/p1/signup?role=mentor {"programmeId":"p1"} mentor')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'old' }));
    expect(await screen.findByText('/new {"*":"new"} -')).toBeInTheDocument();
  });

  it('follows links in the address bar, replacing the entry for a link to where she is, and hears Back', async () => {
    window.history.replaceState(null, '', '/start');
    render(
      <BrowserRouter>
        <App />
      </BrowserRouter>,
    );
    const length = window.history.length;
    await userEvent.click(screen.getByRole('link', { name: 'sign up' }));
    expect(window.location.pathname).toBe('/programmes/p1/signup');
    expect(window.history.length).toBe(length + 1);
    await userEvent.click(screen.getByRole('link', { name: 'sign up' }));
    expect(window.history.length).toBe(length + 1);
    act(() => {
      window.history.replaceState(null, '', '/back');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(await screen.findByText('/back {"*":"back"} -')).toBeInTheDocument();
  });

  it('leaves a click with a modifier key to the browser', async () => {
    render(
      <MemoryRouter initialEntries={['/here']}>
        <App />
      </MemoryRouter>,
    );
    const link = screen.getByRole('link', { name: 'sign up' });
    expect(link).toHaveAttribute('href', '/programmes/p1/signup?role=mentor');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    // After the router has let it pass: jsdom cannot open another document.
    window.addEventListener('click', (event) => event.preventDefault(), { once: true });
    act(() => {
      link.dispatchEvent(click);
    });
    expect(screen.getByTestId('where')).toHaveTextContent('/here');
  });
});
