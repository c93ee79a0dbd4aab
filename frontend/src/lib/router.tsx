// The app's router: the part of React Router's declarative API the app uses (BrowserRouter, MemoryRouter for the
// tests, Routes and Route, Link, Navigate, useNavigate, useParams, useSearchParams, useLocation, matchPath), with its
// behaviour: paths match case-insensitively with or without a trailing slash, ``:name`` is one segment and ``*``
// the rest; a navigation is a React transition (the page on screen stays until the next one has loaded); a Link to
// where she already is replaces the history entry instead of adding one; Navigate navigates after rendering.
// React Router itself is ~12 kB of brotli on every page's first load (issue 12: JavaScript before the sign-up is
// usable); this is ~1 kB. Unlike React Router, Routes takes the first route that matches, in order, so the most
// specific paths come first (app/routes/pages.json, whose last path "*" answers any other).
import {
  type AnchorHTMLAttributes,
  Children,
  createContext,
  isValidElement,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export type NavigateFunction = (to: string, options?: NavigateOptions) => void;

interface RouterValue {
  location: Location;
  navigate: NavigateFunction;
}

const RouterContext = createContext<RouterValue | null>(null);
const ParamsContext = createContext<Readonly<Record<string, string | undefined>>>({});

function useRouter(hook: string): RouterValue {
  const router = useContext(RouterContext);
  if (!router) throw new Error(`${hook}() may be used only in the context of a <Router> component.`);
  return router;
}

let keys = 0;
function newKey(): string {
  keys += 1;
  return `${Date.now().toString(36)}${keys.toString(36)}`;
}

/** pathname, search and hash of ``to`` (an absolute path, as everywhere in the app), as the URL parser reads them. */
function parsePath(to: string, base: string): Pick<Location, 'pathname' | 'search' | 'hash'> {
  const url = new URL(to, `http://localhost${base}`);
  return { pathname: url.pathname, search: url.search, hash: url.hash };
}

function sameLocation(to: string, location: Location): boolean {
  const target = parsePath(to, location.pathname);
  return target.pathname === location.pathname && target.search === location.search && target.hash === location.hash;
}

function windowLocation(): Location {
  const { pathname, search, hash } = window.location;
  const state = (window.history.state ?? {}) as { usr?: unknown; key?: string };
  return { pathname, search, hash, state: state.usr ?? null, key: state.key ?? 'default' };
}

/** The history of the browser's address bar. */
export function BrowserRouter({ children }: { children?: ReactNode }) {
  const [location, setLocation] = useState(windowLocation);
  useLayoutEffect(() => {
    const onPop = () => startTransition(() => setLocation(windowLocation()));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback<NavigateFunction>((to, options = {}) => {
    const key = newKey();
    const { pathname, search, hash } = parsePath(to, window.location.pathname);
    const entry = { usr: options.state ?? null, key };
    const url = pathname + search + hash;
    if (options.replace) window.history.replaceState(entry, '', url);
    else window.history.pushState(entry, '', url);
    startTransition(() => setLocation({ pathname, search, hash, state: options.state ?? null, key }));
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** A history kept in memory (the tests): starts at the last of ``initialEntries``. */
export function MemoryRouter({ children, initialEntries = ['/'] }: { children?: ReactNode; initialEntries?: string[] }) {
  const [location, setLocation] = useState<Location>(() => ({
    ...parsePath(initialEntries[initialEntries.length - 1] ?? '/', '/'),
    state: null,
    key: 'default',
  }));
  const navigate = useCallback<NavigateFunction>((to, options = {}) => {
    startTransition(() =>
      setLocation((current) => ({ ...parsePath(to, current.pathname), state: options.state ?? null, key: newKey() })),
    );
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export interface PathMatch {
  params: Record<string, string | undefined>;
  pathname: string;
  pattern: string;
}

const compiled = new Map<string, { regex: RegExp; names: string[] }>();

/** Whether ``pathname`` matches ``pattern`` (``/a/:name/b``, ``*`` for the rest), and with which parameters. */
export function matchPath(pattern: string, pathname: string): PathMatch | null {
  let found = compiled.get(pattern);
  if (!found) {
    const names: string[] = [];
    let source = `^${pattern
      .replace(/\/*\*?$/, '')
      .replace(/^\/*/, '/')
      .replace(/[\\.*+^${}|()[\]]/g, '\\$&')
      .replace(/\/:([\w-]+)(\?)?/g, (_whole, name: string, optional?: string) => {
        names.push(name);
        return optional ? '(?:/([^\\/]+))?' : '/([^\\/]+)';
      })}`;
    if (pattern.endsWith('*')) {
      names.push('*');
      source += pattern === '*' || pattern === '/*' ? '(.*)$' : '(?:\\/(.+)|\\/*)$';
    } else {
      source += '\\/*$';
    }
    found = { regex: new RegExp(source, 'i'), names };
    compiled.set(pattern, found);
  }
  const match = found.regex.exec(pathname);
  if (!match) return null;
  const params: Record<string, string | undefined> = {};
  found.names.forEach((name, index) => {
    const value = match[index + 1];
    params[name] = value === undefined ? undefined : safeDecode(value);
  });
  return { params, pathname: match[0], pattern };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface RouteProps {
  path: string;
  element: ReactNode;
}

/** One path and what it shows; only inside <Routes>. */
export function Route(_props: RouteProps): ReactElement | null {
  throw new Error('A <Route> is only ever used as a child of <Routes>.');
}

/** The first of its <Route>s whose path matches where she is. */
export function Routes({ children }: { children?: ReactNode }) {
  const { location } = useRouter('Routes');
  let shown: ReactNode = null;
  let params: Record<string, string | undefined> = {};
  for (const child of Children.toArray(children)) {
    if (!isValidElement<RouteProps>(child)) continue;
    const match = matchPath(child.props.path, location.pathname);
    if (match) {
      shown = child.props.element;
      params = match.params;
      break;
    }
  }
  return <ParamsContext.Provider value={params}>{shown}</ParamsContext.Provider>;
}

export function useLocation(): Location {
  return useRouter('useLocation').location;
}

export function useNavigate(): NavigateFunction {
  return useRouter('useNavigate').navigate;
}

export function useParams(): Readonly<Record<string, string | undefined>> {
  return useContext(ParamsContext);
}

export function useSearchParams(): [URLSearchParams, (next: URLSearchParams | string, options?: NavigateOptions) => void] {
  const { location, navigate } = useRouter('useSearchParams');
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const setSearch = useCallback(
    (next: URLSearchParams | string, options?: NavigateOptions) => {
      const query = new URLSearchParams(next).toString();
      navigate(`${location.pathname}${query ? `?${query}` : ''}`, options);
    },
    [location.pathname, navigate],
  );
  return [search, setSearch];
}

/** Navigates when rendered (after the render, as React Router does). */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  const navigate = useNavigate();
  useEffect(() => {
    navigate(to, { replace, state });
  }, [navigate, to, replace, state]);
  return null;
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  replace?: boolean;
  state?: unknown;
  ref?: Ref<HTMLAnchorElement>;
};

/** A link the router follows without reloading the page (a plain click: not a new tab, not a download). */
export function Link({ to, replace, state, onClick, target, ref, ...rest }: LinkProps) {
  const { location, navigate } = useRouter('Link');
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      (target && target !== '_self') ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace: replace ?? sameLocation(to, location), state });
  };
  return <a {...rest} ref={ref} href={to} target={target} onClick={handleClick} />;
}
