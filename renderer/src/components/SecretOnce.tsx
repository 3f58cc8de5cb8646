// A secret shown once (a new API key): monospace, a copy button, and a clear warning that it
// will not be shown again.
import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CopyAction } from './CodeBlock';

export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Copy this key now: you will not see it again" role="status">
      <Stack gap="xs">
        <Text size="sm">{label}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="sm" aria-label={label} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <CopyAction value={secret} label="Copy key" />
        </Group>
      </Stack>
    </Alert>
  );
}
