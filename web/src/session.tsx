import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import {
  ApiError,
  api,
  type Instance,
  type Me,
  onApiError,
  type Permission,
  refreshCsrfToken,
} from "./api.ts";

export interface Session {
  instance: Instance | null;
  /** undefined while the session is being checked; null when signed out. */
  me: Me | null | undefined;
  /** Set when the session ended while the user was working ("You have been signed out"). */
  expired: boolean;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  reloadMe: () => Promise<Me | null>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

async function loadMe(): Promise<Me | null> {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [instance, setInstance] = useState<Instance | null>(null);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api.instance().then(setInstance, () => setInstance(null));
    refreshCsrfToken().catch(() => undefined);
    loadMe().then(setMe, () => setMe(null));
  }, []);

  // Any API answer saying the session has gone, or that the password must be changed first.
  useEffect(
    () =>
      onApiError((error) => {
        if (error.status === 401) {
          setMe((current) => {
            if (current) setExpired(true);
            return null;
          });
        } else if (error.passwordChangeRequired) {
          setMe((current) => (current ? { ...current, mustChangePassword: true } : current));
        }
      }),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const { user } = await api.login(email, password);
    await refreshCsrfToken().catch(() => undefined);
    setExpired(false);
    setMe(user);
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setMe(null);
      setExpired(false);
      await refreshCsrfToken().catch(() => undefined);
    }
  }, []);

  const reloadMe = useCallback(async () => {
    const current = await loadMe();
    setMe(current);
    return current;
  }, []);

  const value = useMemo<Session>(
    () => ({
      instance,
      me,
      expired,
      signIn,
      signOut,
      reloadMe,
      can: (permission: Permission) => Boolean(me?.permissions.includes(permission)),
    }),
    [instance, me, expired, signIn, signOut, reloadMe],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
