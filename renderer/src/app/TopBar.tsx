// The top bar: page title, the global time range (on pages that show data), the API reference,
// the theme switch, and the signed-in person with sign-out.
import { useLocation, useNavigate } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Button,
  Burger,
  Group,
  Menu,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { IconBook, IconChevronDown, IconLogout, IconMoon, IconSun, IconUserCircle } from '@tabler/icons-react';
import { OTHER_PAGES, navItemFor } from './nav';
import { TimeRangePicker } from '../components/TimeRangePicker';
import { useSession, useSignOut } from '../features/auth/session';

export function TopBar({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const self = useSession();
  const signOut = useSignOut();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const item = navItemFor(location.pathname);
  const title = item?.label ?? OTHER_PAGES[location.pathname]?.title ?? 'Console';
  const name = [self.user.first_name, self.user.last_name].filter(Boolean).join(' ') || self.user.email;
  const next = scheme === 'dark' ? 'light' : 'dark';

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <Title order={1} size="h3">
          {title}
        </Title>
      </Group>
      <Group gap="sm" wrap="nowrap">
        {item?.timeRange ? <TimeRangePicker /> : null}
        <Tooltip label="API reference (OpenAPI)">
          <Anchor href="/docs" target="_blank" rel="noreferrer" size="sm" aria-label="API reference">
            <Group gap={4} wrap="nowrap">
              <IconBook size={18} />
              <Text span size="sm" visibleFrom="md">
                API reference
              </Text>
            </Group>
          </Anchor>
        </Tooltip>
        <Tooltip label={`Switch to ${next} theme`}>
          <ActionIcon variant="default" size="lg" onClick={() => setColorScheme(next)} aria-label={`Switch to ${next} theme`}>
            {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              leftSection={<IconUserCircle size={18} />}
              rightSection={<IconChevronDown size={14} />}
            >
              {name}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>
              {self.user.email} · {self.user.role}
            </Menu.Label>
            <Menu.Item
              leftSection={<IconLogout size={16} />}
              onClick={() => void signOut().then(() => navigate('/login?reason=signed-out', { replace: true }))}
            >
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
