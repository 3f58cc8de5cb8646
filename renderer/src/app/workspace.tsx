// The workspace the console is looking at: chosen in the nav's switcher, remembered in this
// browser, and always one the signed-in person belongs to (from /v1/auth/self).
import { createContext, use, useMemo, useState, type ReactNode } from 'react';
import type { SessionWorkspace } from '../api/types';
import { useSession } from '../features/auth/session';

const STORAGE_KEY = 'appliance-workspace';

interface WorkspaceState {
  workspace: SessionWorkspace | null;
  workspaces: SessionWorkspace[];
  setWorkspace(id: string): void;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const self = useSession();
  const [chosen, setChosen] = useState(() => window.localStorage.getItem(STORAGE_KEY));
  const value = useMemo<WorkspaceState>(() => {
    const active = self.workspaces.filter((w) => w.status === 'active');
    const workspace = active.find((w) => w.id === chosen) ?? active.find((w) => w.is_default) ?? active[0] ?? null;
    return {
      workspace,
      workspaces: active,
      setWorkspace(id) {
        window.localStorage.setItem(STORAGE_KEY, id);
        setChosen(id);
      },
    };
  }, [self.workspaces, chosen]);
  return <WorkspaceContext value={value}>{children}</WorkspaceContext>;
}

export function useWorkspace(): WorkspaceState {
  const state = use(WorkspaceContext);
  if (!state) throw new Error('useWorkspace outside WorkspaceProvider');
  return state;
}

/** The current workspace's id, for API calls that take workspace_id; pages render only with one. */
export function useWorkspaceId(): string {
  const { workspace } = useWorkspace();
  if (!workspace) throw new Error('No workspace');
  return workspace.id;
}
