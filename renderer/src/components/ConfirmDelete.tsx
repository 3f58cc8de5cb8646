// Confirms a destructive action by naming what goes; with `typeToConfirm`, the person types the
// name first (workspaces, integrations).
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { messageOf } from '../api/errors';

interface Props {
  opened: boolean;
  title: string;
  /** What is lost, in a sentence. */
  consequence: string;
  name: string;
  action: string;
  typeToConfirm?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  /** Extra choices shown above the buttons (a "delete what depends on it too" switch). */
  children?: ReactNode;
}

export function ConfirmDelete({
  opened,
  title,
  consequence,
  name,
  action,
  typeToConfirm,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: Props) {
  const [typed, setTyped] = useState('');
  const ok = !typeToConfirm || typed === name;
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text size="sm">{consequence}</Text>
        {typeToConfirm ? (
          <TextInput label={`Type "${name}" to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
        ) : null}
        {children}
        {error ? (
          <Alert color="red" role="alert">
            {messageOf(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending} disabled={!ok}>
            {action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
