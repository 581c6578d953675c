import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ToggleButton, ToggleButtonGroup, type Key } from "react-aria-components";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { attributionKey, setAttributionMode, wroteByAtCaret, type AttributionMode, type AttributionState } from "./plugins/attribution.js";

const STORAGE_KEY = "accord.attributionMode";
const MODES: AttributionMode[] = ["off", "group", "delegation"];

function storedMode(): AttributionMode {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return MODES.includes(stored as AttributionMode) ? (stored as AttributionMode) : "off";
  } catch {
    return "off";
  }
}

/**
 * The attribution view mode of this browser (remembered across documents and
 * reloads), applied to the current editor and connection: switching it on
 * asks the server for the document's authors.
 */
export function useAttributionMode(editor: Editor | null, collab: DocumentConnection | null): [AttributionMode, (mode: AttributionMode) => void] {
  const [mode, setMode] = useState<AttributionMode>(storedMode);
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, mode);
    } catch {
      // Private windows may refuse storage; the mode then lasts for this page only.
    }
  }, [mode]);
  useEffect(() => {
    if (mode !== "off") collab?.followAuthors();
  }, [mode, collab]);
  useEffect(() => {
    if (editor && !editor.isDestroyed) setAttributionMode(editor.view, mode);
  }, [mode, editor]);
  return [mode, setMode];
}

type Shown = Pick<AttributionState, "legend" | "unattributed" | "read">;

/** The switch of attribution view and, while it is on, what it colours by and the legend of its colours. */
export function AttributionControls({ editor, mode, onModeChange }: {
  editor: Editor | null;
  mode: AttributionMode;
  onModeChange: (mode: AttributionMode) => void;
}) {
  const { t } = useTranslation();
  const on = mode !== "off";
  return (
    <section className="attribution" aria-label={t("attribution.heading")}>
      <ToggleButton className="tool-button attribution__switch" isSelected={on}
        onChange={(selected) => onModeChange(selected ? "group" : "off")}>
        {t("attribution.toggle")}
      </ToggleButton>
      {on && (
        <>
          <ToggleButtonGroup aria-label={t("attribution.colourBy")} className="filter-group attribution__modes" selectionMode="single"
            disallowEmptySelection selectedKeys={[mode]}
            onSelectionChange={(keys: Set<Key>) => {
              const next = [...keys][0];
              if (next === "group" || next === "delegation") onModeChange(next);
            }}>
            <ToggleButton id="group" className="filter-group__button">{t("attribution.byGroup")}</ToggleButton>
            <ToggleButton id="delegation" className="filter-group__button">{t("attribution.byDelegation")}</ToggleButton>
          </ToggleButtonGroup>
          {editor && <AttributionLegend editor={editor} />}
          {editor && <WroteAtCaret editor={editor} />}
        </>
      )}
    </section>
  );
}

function AttributionLegend({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const shown = useEditorState<Shown>({
    editor,
    selector: ({ editor: current }) => {
      const state = current ? attributionKey.getState(current.state) : undefined;
      return { legend: state?.legend ?? [], unattributed: state?.unattributed ?? 0, read: state?.read ?? false };
    },
  });
  if (!shown.read) return null;
  return (
    <ul className="attribution__legend" aria-label={t("attribution.legend")}>
      {shown.legend.map((entry) => (
        <li key={entry.key} className="attribution__entry" data-key={entry.key}>
          <span className="attribution__swatch" style={{ backgroundColor: entry.color }} aria-hidden="true" />
          <span className="attribution__label" style={{ textDecorationColor: entry.color, textDecorationStyle: entry.line }}>
            {entry.label}
          </span>
          <span className="attribution__share">{t("attribution.characters", { count: entry.characters })}</span>
        </li>
      ))}
      {shown.unattributed > 0 && (
        <li className="attribution__entry attribution__entry--draft">
          <span className="attribution__swatch attribution__swatch--draft" aria-hidden="true" />
          {t("attribution.draftText")}
        </li>
      )}
      {shown.legend.length === 0 && <li className="attribution__entry attribution__entry--empty">{t("attribution.nobodyYet")}</li>}
    </ul>
  );
}

/**
 * Who wrote the words at the caret, as the words' tooltip says it: the
 * keyboard's way to that tooltip (moving the caret reads it out on demand,
 * not as a live region, which would speak at every arrow key).
 */
function WroteAtCaret({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const wrote = useEditorState({ editor, selector: ({ editor: current }) => (current && editor.isEditable ? wroteByAtCaret(current.state) : null) });
  if (!wrote) return null;
  return <p className="attribution__caret">{t("liveChanges.wroteAtCaret", { wrote })}</p>;
}
