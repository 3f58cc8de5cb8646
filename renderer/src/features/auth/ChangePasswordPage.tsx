// The password change every first-run or reset account must make before anything else (the server
// refuses other routes until then), and that anyone can make from here.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Alert, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { AuthLayout } from './AuthLayout';
import { storeSession, useSelf } from './session';

/** The server's minimum (identity/sessions/service.ts MIN_PASSWORD_LENGTH); it checks again. */
const MIN_LENGTH = 12;

export function ChangePasswordPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: self, isPending } = useSelf();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  // The desktop window's owner never saw the printed first-run password; the server lets that session go without.
  const askCurrent = self?.current_password_required ?? true;
  const change = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/auth/password', { body: { ...(askCurrent ? { current_password: current } : {}), new_password: next } })),
    onSuccess: (view) => {
      storeSession(client, view);
      void navigate('/', { replace: true });
    },
  });
  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!self) return <Navigate to="/login" replace />;

  const tooShort = next.length > 0 && next.length < MIN_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (next.length >= MIN_LENGTH && next === confirm && (current || !askCurrent)) change.mutate();
  };
  const serverError = change.error ? messageOf(change.error) : null;
  // A 400 naming a field marks that field; anything else shows above the form.
  const field = change.error instanceof ApiError ? change.error.field : null;
  const currentWrong = field === 'current_password';
  const newWrong = field === 'new_password';

  return (
    <AuthLayout title={self.must_change_password ? 'Choose your own password' : 'Change your password'}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {self.must_change_password ? (
            <Text size="sm">
              {self.user.email} is signed in with a first-run or reset password. Choose a new one of at least {MIN_LENGTH} characters before
              you continue.
            </Text>
          ) : null}
          {serverError && !currentWrong && !newWrong ? (
            <Alert color="red" role="alert" title="The password was not changed">
              {serverError}
            </Alert>
          ) : null}
          {askCurrent ? (
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={currentWrong ? serverError : touched && !current ? 'Enter your current password' : undefined}
            />
          ) : null}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            description={`At least ${MIN_LENGTH} characters`}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={
              tooShort || (touched && next.length < MIN_LENGTH)
                ? `Use at least ${MIN_LENGTH} characters`
                : newWrong
                  ? serverError
                  : undefined
            }
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch || (touched && confirm !== next) ? 'The two passwords differ' : undefined}
          />
          <Button type="submit" loading={change.isPending} fullWidth>
            Change password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
