import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { fieldForAttr } from '@/features/signup/components/signup-fields';
import { mapApiErrors } from './form-errors';

describe('mapApiErrors', () => {
  it('puts each detail next to the field its attr names and the rest in the alert', () => {
    const error = new ApiError(400, {
      type: 'validation_error',
      errors: [
        { code: 'unique', detail: 'This email is already registered.', attr: 'account.email' },
        { code: 'invalid', detail: 'Unknown language.', attr: 'profile.languages.0.code' },
        { code: 'invalid', detail: 'Sign-up is closed.', attr: null },
        { code: 'invalid', detail: 'Odd field.', attr: 'profile.mystery' },
      ],
    });
    const { fields, general } = mapApiErrors(error, fieldForAttr);
    expect(fields).toEqual({ email: 'This email is already registered.', 'languages.0.code': 'Unknown language.' });
    expect(general).toEqual(['Sign-up is closed.', 'Odd field.']);
  });
});
