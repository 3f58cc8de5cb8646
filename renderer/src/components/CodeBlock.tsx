// Monospace code with a copy button (snippets, keys, ids).
import { ActionIcon, Box, Code, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export function CopyAction({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label} withArrow>
          <ActionIcon variant="default" onClick={copy} aria-label={copied ? 'Copied' : label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export function CodeBlock({ code, label = 'Copy', language }: { code: string; label?: string; language?: string }) {
  return (
    <Box pos="relative">
      <Code block data-language={language} pr={44} fz="sm">
        {code}
      </Code>
      <Box pos="absolute" top={6} right={6}>
        <CopyAction value={code} label={label} />
      </Box>
    </Box>
  );
}
