// Sign in with a local account (POST /v1/auth/login: session cookie + CSRF token). Says why the
// person is here (session ended, signed out). SSO buttons, when the identity issue adds them, go
// above the form.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import { AuthLayout } from './AuthLayout';
import { storeSession, useSelf } from './session';

const REASONS: Record<string, { color: string; text: string }> = {
  expired: { color: 'yellow', text: 'Your session has ended. Sign in again to continue.' },
  'signed-out': { color: 'blue', text: 'You are signed out.' },
};

/** Only paths of this console: never an absolute URL someone put in the link. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: self } = useSelf();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/auth/login', { body: { email, password } })),
    onSuccess: (view) => {
      storeSession(client, view);
      void navigate(view.must_change_password ? '/change-password' : safeNext(params.get('next')), { replace: true });
    },
  });
  if (self && !login.isPending && !login.isSuccess) return <Navigate to={safeNext(params.get('next'))} replace />;
  const reason = REASONS[params.get('reason') ?? ''];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  return (
    <AuthLayout title="Sign in">
      <form onSubmit={submit} noValidate>
        <Stack>
          {reason && !login.error ? (
            <Alert color={reason.color} role="status">
              {reason.text}
            </Alert>
          ) : null}
          {login.error ? (
            <Alert color="red" role="alert" title="Could not sign in">
              {messageOf(login.error)}
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending} disabled={!email || !password} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
