// The API reference at /docs: every route of this appliance from its OpenAPI document (built from
// the route schemas), searchable, with parameters, bodies, responses, the auth each needs, and
// "Try it". Fully offline: the document and this page come from the appliance itself.
import { useMemo, useState } from 'react';
import { AppShell, Anchor, Badge, Box, Center, Group, Loader, NavLink, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconSearch } from '@tabler/icons-react';
import { fetchOpenApiDocument } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { METHOD_COLORS, byTag, entries, type OpenApiDocument } from './openapiDoc';
import { OperationView } from './OperationView';

export default function ApiExplorerPage() {
  const doc = useQuery({
    queryKey: ['openapi'],
    queryFn: async () => (await fetchOpenApiDocument()) as OpenApiDocument,
    staleTime: Infinity,
  });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const all = useMemo(() => (doc.data ? entries(doc.data) : []), [doc.data]);
  const shown = all.filter((e) => `${e.method} ${e.path} ${e.op.tags.join(' ')}`.toLowerCase().includes(search.toLowerCase()));
  const current = all.find((e) => `${e.method} ${e.path}` === selected) ?? shown[0] ?? null;

  if (doc.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading the API reference" />
      </Center>
    );
  }
  if (doc.error) {
    return (
      <Center h="100vh">
        <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />
      </Center>
    );
  }
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 360, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h3">
            {doc.data.info.title} API reference
          </Title>
          <Group gap="md">
            <Text size="sm" c="dimmed">
              Version {doc.data.info.version} · {all.length} operations
            </Text>
            <Anchor href="/docs/openapi.json" size="sm">
              openapi.json
            </Anchor>
            <Anchor href="/" size="sm">
              Console
            </Anchor>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label="Operations">
        <Box p="sm">
          <TextInput
            aria-label="Search operations"
            placeholder="Search paths and tags"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
        </Box>
        <ScrollArea flex={1} px="xs">
          {byTag(shown).map(([tag, list]) => (
            <Box key={tag} mb="sm" component="section" aria-label={tag}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
                {tag}
              </Text>
              {list.map((e) => (
                <NavLink
                  component="button"
                  key={`${e.method} ${e.path}`}
                  active={current === e}
                  onClick={() => setSelected(`${e.method} ${e.path}`)}
                  label={
                    <Group gap={6} wrap="nowrap">
                      <Badge size="xs" w={64} color={METHOD_COLORS[e.method] ?? 'gray'} variant="dot">
                        {e.method}
                      </Badge>
                      <Text size="xs" ff="monospace" truncate>
                        {e.path}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Box>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack maw={960}>
          <Text size="sm">{doc.data.info.description}</Text>
          {current ? <OperationView key={`${current.method} ${current.path}`} entry={current} /> : <Text>No operation matches.</Text>}
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
