/**
 * The signed-in user's token, kept in sessionStorage (never localStorage: it ends with the tab) and in memory.
 * Components read it through useSession(); the API client reads it on every request.
 */
import { useSyncExternalStore } from "react";

export interface SessionUser {
  username: string;
  full_name: string;
  role: string;
  org: string | null;
  position: unknown;
}

export interface Session {
  token: string;
  user: SessionUser;
  /** The position code the user acts for as Plt / Plh (sent as X-Acting-For), or null for their own. */
  actingFor: string | null;
}

const KEY = "kv.session";
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function write(value: Session | null): void {
  current = value;
  if (value) globalThis.sessionStorage?.setItem(KEY, JSON.stringify(value));
  else globalThis.sessionStorage?.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export const session = {
  get: (): Session | null => current,
  set: (value: Session): void => write(value),
  clear: (): void => write(null),
  actFor: (position: string | null): void => {
    if (current) write({ ...current, actingFor: position });
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The current session (re-renders when it changes). */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}

/** True for an employee of an org (who has letter boxes and an approval queue). */
export function isStaff(user: SessionUser | undefined | null): boolean {
  return !!user && user.role !== "public" && !!user.org;
}

/** The position the signed-in user works as: the one they act for (Plt / Plh), else their own; null for none. */
export function positionOf(current: Session | null): string | null {
  // Sign-in answers the position's code; /me answers the position itself.
  const position = current?.user.position as string | { code?: string } | null | undefined;
  const own = typeof position === "string" ? position : (position?.code ?? null);
  return current?.actingFor ?? own;
}
