/**
 * The app's words: one catalogue per language (id by default, en available), looked up by dotted key.
 * Components never hold display strings; they call t("area.key", {vars}).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { id, type Catalogue } from "./id";
import { en } from "./en";

export type Lang = "id" | "en";
const CATALOGUES: Record<Lang, Catalogue> = { id, en };
const KEY = "kv.lang";

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;
export type Vars = Record<string, string | number>;

/** The text of `key` in `lang`, with {name} placeholders filled from vars. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  let node: unknown = CATALOGUES[lang];
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  // An enum value the catalogue does not know yet (a new state from the API) shows as itself, not as a key path.
  const text = typeof node === "string" ? node : key.slice(key.lastIndexOf(".") + 1);
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
}

const Context = createContext<I18n | null>(null);

function initialLang(): Lang {
  const lang = globalThis.localStorage?.getItem(KEY) === "en" ? "en" : "id";
  if (globalThis.document) document.documentElement.lang = lang;
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    // Only the language choice is stored in localStorage: it is not personal data.
    globalThis.localStorage?.setItem(KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The current language and its t(). */
export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
