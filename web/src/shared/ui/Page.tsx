import { useEffect, useRef, type ReactNode } from "react";

/** A page: its one h1 (focused on arrival so screen readers announce it) and the document title. */
export function Page({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Kantor Virtual`;
    heading.current?.focus();
  }, [title]);
  return (
    <div className={wide ? "page page--wide" : "page"}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
