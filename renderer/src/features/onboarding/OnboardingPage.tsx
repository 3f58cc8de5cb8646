// First run: while the organisation has no model server, walk the owner from install to a first
// request: password (done at sign-in), connect a server, test it with one real call, create a
// workspace API key (shown once), then paste a snippet and watch the request arrive.
import { useState, type ReactNode } from 'react';
import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useWorkspace } from '../../app/workspace';
import { ConnectServerForm, type Connected } from '../catalog/ConnectServerForm';
import { ConnectionTest } from '../catalog/ConnectionTest';
import { FirstKeyStep } from './FirstKeyStep';
import { FirstRequestStep } from './FirstRequestStep';

export default function OnboardingPage() {
  const { workspace } = useWorkspace();
  const [step, setStep] = useState(1);
  const [server, setServer] = useState<Connected | null>(null);
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState<string | null>(null);

  if (!workspace) return <Text>You are not a member of any workspace yet: ask an organisation admin to add you to one.</Text>;

  return (
    <Stack maw={900} gap="lg">
      <Text>
        Four steps from install to a first request through the gateway, all on your network. Everything here can be changed later in the
        console.
      </Text>
      <Stepper active={step} orientation="vertical" allowNextStepsSelect={false} aria-label="Setup steps">
        <Stepper.Step label="Choose your password" description="Done when you signed in" />
        <Stepper.Step label="Connect a model server" description="vLLM, Ollama, TGI, LM Studio or Azure OpenAI">
          <StepPaper title="Connect a model server">
            <Text size="sm" mb="md">
              A model server answers the requests the gateway routes to it. The appliance stores its address and key (encrypted) as an
              integration of workspace <b>{workspace.name}</b>, reachable as a provider named <code>@slug</code>.
            </Text>
            <ConnectServerForm
              workspaceId={workspace.id}
              onConnected={(c) => {
                setServer(c);
                setModel(c.model);
                setStep(2);
              }}
            />
          </StepPaper>
        </Stepper.Step>
        <Stepper.Step label="Test the connection" description="One real call to the server">
          {server ? (
            <StepPaper title={`Test ${server.name} (@${server.slug})`}>
              <ConnectionTest provider={server.slug} workspaceId={workspace.id} initialModel={model} onSuccess={setModel} />
              <Group mt="md">
                <Button onClick={() => setStep(3)} disabled={!model.trim()}>
                  Continue
                </Button>
              </Group>
            </StepPaper>
          ) : null}
        </Stepper.Step>
        <Stepper.Step label="Create an API key" description="For your first application">
          <StepPaper title="Create an API key">
            <FirstKeyStep
              workspaceId={workspace.id}
              onCreated={(key) => {
                setApiKey(key);
                setStep(4);
              }}
            />
          </StepPaper>
        </Stepper.Step>
        <Stepper.Step label="Send a first request" description="curl, openai or portkey-ai">
          {server && apiKey ? (
            <StepPaper title="Send a first request">
              <FirstRequestStep workspaceId={workspace.id} apiKey={apiKey} model={`@${server.slug}/${model.trim()}`} />
            </StepPaper>
          ) : null}
        </Stepper.Step>
      </Stepper>
      <Group>
        <Button component={Link} to="/dashboard" variant="subtle">
          Skip setup and go to the dashboard
        </Button>
      </Group>
    </Stack>
  );
}

function StepPaper({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" mt="xs" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
