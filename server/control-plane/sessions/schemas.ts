// Request and response shapes of the /v1/auth routes (local accounts; not part of Portkey's API).
import { Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const PasswordBody = Type.Object({
  /** Optional only for the desktop window's session replacing a first-run password (docs/adr/0013). */
  current_password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  new_password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const SelfView = Type.Object({
  object: Type.Literal('session'),
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
    role: Type.String(),
  }),
  must_change_password: Type.Boolean(),
  /** False only for a desktop-window session that must replace a first-run password it never saw. */
  current_password_required: Type.Boolean(),
  csrf_token: Type.String(),
  expires_at: Type.String(),
  workspaces: Type.Array(
    Type.Object({
      id: Type.String(),
      slug: Type.String(),
      name: Type.String(),
      status: Type.String(),
      is_default: Type.Boolean(),
      role: Type.String(),
    }),
  ),
});

export const LoggedOut = Type.Object({ success: Type.Literal(true) });
