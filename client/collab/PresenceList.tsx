import { useTranslation } from "react-i18next";
import { GROUP_APPEARANCE } from "../../shared/attribution/groupColors.js";
import { delegationLabel } from "../ui/userLabels.js";
import type { Presence } from "./usePresence.js";

/** The people with this document open, each marked in their stakeholder group's colour; observers as a count. */
export function PresenceList({ presence }: { presence: Presence }) {
  const { people, observers } = presence;
  const { t } = useTranslation();
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="visually-hidden">{t("presence.heading")}</h2>
      <p className="presence__count">{t("presence.count", { count: people.length })}</p>
      <ul className="presence__list">
        {people.map((person) => (
          <li
            key={person.clientId}
            className="presence__person"
            style={{ borderColor: person.color }}
            title={person.group ? t(GROUP_APPEARANCE[person.group].labelKey) : undefined}
          >
            <span className="presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span className="presence__name">{person.name}</span>
            <span className="presence__delegation">{delegationLabel(t, person.delegation, person.role)}</span>
            {person.group && <span className="visually-hidden">{`(${t(GROUP_APPEARANCE[person.group].labelKey)})`}</span>}
            {person.isSelf && <span className="presence__you">{t("presence.you")}</span>}
          </li>
        ))}
      </ul>
      {observers > 0 && <p className="presence__count">{t("presence.observers", { count: observers })}</p>}
    </section>
  );
}
