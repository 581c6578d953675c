import type { ReactNode } from "react";

/** A full-screen message of the projector view, readable from the back of the room. */
export function ScreenMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main id="main" className="screen-message">
      <h1 className="screen-message__title">{title}</h1>
      {children}
    </main>
  );
}
