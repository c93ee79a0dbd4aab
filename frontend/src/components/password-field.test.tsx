import { render, screen } from '@testing-library/react';
import { AppProvider } from '@/app/provider';
import { PasswordField } from './password-field';

describe('PasswordField', () => {
  it('tells a screen reader that the field is wrong, and why', () => {
    render(
      <AppProvider>
        <PasswordField label="Password" description="At least 10 characters" error="This password is too common." />
      </AppProvider>,
    );
    const field = screen.getByLabelText('Password', { selector: 'input' });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('This password is too common.'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('At least 10 characters'));
  });

  it('is not marked wrong without an error', () => {
    render(
      <AppProvider>
        <PasswordField label="Password" />
      </AppProvider>,
    );
    expect(screen.getByLabelText('Password', { selector: 'input' })).not.toHaveAttribute('aria-invalid', 'true');
  });
});
