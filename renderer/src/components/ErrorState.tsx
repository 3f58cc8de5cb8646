// An error where the content would be, in the server's words: a 403 names the missing permission,
// a network error offers retry. Never a blank page.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPlugConnectedX } from '@tabler/icons-react';
import { ApiError, messageOf } from '../api/errors';

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const api = error instanceof ApiError ? error : null;
  const forbidden = api?.status === 403;
  const network = api?.isNetwork ?? false;
  const heading =
    title ??
    (forbidden ? 'You do not have permission to see this' : network ? 'The appliance could not be reached' : 'Something went wrong');
  const Icon = forbidden ? IconLock : network ? IconPlugConnectedX : IconAlertTriangle;
  return (
    <Alert color={forbidden ? 'yellow' : 'red'} title={heading} icon={<Icon size={18} />} role="alert" maw={720}>
      <Text size="sm">{messageOf(error)}</Text>
      {onRetry && !forbidden ? (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry}>
            Retry
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
