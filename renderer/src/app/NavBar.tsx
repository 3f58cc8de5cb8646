// The left navigation: the workspace switcher on top (the current workspace is always visible),
// then the pages of the nav table by group.
import { NavLink as RouterLink, useLocation } from 'react-router';
import { Box, Group, NavLink, ScrollArea, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { NAV, NAV_GROUPS } from './nav';
import { useWorkspace } from './workspace';
import { useSession } from '../features/auth/session';

export function NavBar({ onNavigate }: { onNavigate: () => void }) {
  const self = useSession();
  const { workspace, workspaces, setWorkspace } = useWorkspace();
  const location = useLocation();
  const items = NAV.filter((item) => item.visible?.(self) ?? true);
  return (
    <Stack gap={0} h="100%">
      <Group gap="xs" px="md" py="sm">
        <ThemeIcon size="md" radius="sm" aria-hidden>
          <IconBolt size={18} />
        </ThemeIcon>
        <Text fw={700}>AirGap Gateway</Text>
      </Group>
      <Box px="md" pb="sm">
        <Select
          label="Workspace"
          size="sm"
          data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
          value={workspace?.id ?? null}
          onChange={(id) => id && setWorkspace(id)}
          allowDeselect={false}
          checkIconPosition="right"
          placeholder={workspaces.length === 0 ? 'No workspace yet' : undefined}
        />
      </Box>
      <ScrollArea flex={1} px="xs">
        {NAV_GROUPS.map((group) => {
          const inGroup = items.filter((item) => item.group === group);
          if (inGroup.length === 0) return null;
          return (
            <Box key={group} mb="sm" component="section" aria-label={group}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={4}>
                {group}
              </Text>
              {inGroup.map((item) => (
                <NavLink
                  key={item.path}
                  component={RouterLink}
                  to={item.path}
                  label={item.label}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
                  onClick={onNavigate}
                />
              ))}
            </Box>
          );
        })}
      </ScrollArea>
    </Stack>
  );
}
