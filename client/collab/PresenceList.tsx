import { useTranslation } from "react-i18next";
import { Button, Dialog, DialogTrigger, Disclosure, DisclosurePanel, Heading, Popover } from "react-aria-components";
import { GROUP_APPEARANCE } from "../../shared/attribution/groupColors.js";
import { delegationLabel } from "../ui/userLabels.js";
import { groupPresence, type PresentGroup } from "./groupPresence.js";
import type { Presence, PresentPerson } from "./usePresence.js";

/** Above this many people, the stakeholder groups start folded: a plenary of hundreds is read group by group. */
const UNFOLDED_UP_TO = 12;

/**
 * Who is in the room: in the document's bar a count that opens the people
 * grouped by stakeholder group, then delegation, each with its count (groups
 * folded in a large room), and the observers and hall screens as counts; in a
 * small room the people also stand in the bar by name, each in their group's
 * colour. A person is counted once, with how many windows they have open.
 */
export function PresenceList({ presence }: { presence: Presence }) {
  const { people, observers, screens } = presence;
  const { t, i18n } = useTranslation();
  const groups = groupPresence(people, i18n.language);
  const others = [
    ...(observers > 0 ? [t("presenceGroups.observersFollowing", { count: observers })] : []),
    ...(screens > 0 ? [t("presenceGroups.hallScreens", { count: screens })] : []),
  ];
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="visually-hidden">{t("presence.heading")}</h2>
      <DialogTrigger>
        <Button className="presence__open">
          <span>{t("presence.count", { count: people.length })}</span>
          {others.map((words) => <span key={words} className="presence__observers">{" "}{words}</span>)}
        </Button>
        <Popover className="popover presence__popover" placement="bottom start">
          <Dialog className="presence__dialog" aria-labelledby="presence-dialog-title">
            <Heading level={3} id="presence-dialog-title" className="presence__title">{t("presenceGroups.title")}</Heading>
            <p className="presence__summary">
              {t("presence.count", { count: people.length })}
              {others.map((words) => ` · ${words}`).join("")}
            </p>
            {groups.map((group) => (
              <GroupSection key={group.group ?? "none"} group={group} folded={people.length > UNFOLDED_UP_TO} />
            ))}
          </Dialog>
        </Popover>
      </DialogTrigger>
      {people.length <= UNFOLDED_UP_TO && <InlineList people={people} />}
    </section>
  );
}

/** The people of a small room in the bar, by name and delegation, in their group's colour. */
function InlineList({ people }: { people: PresentPerson[] }) {
  const { t } = useTranslation();
  return (
    <ul className="presence__list">
      {people.map((person) => (
        <li key={person.clientId} className="presence__person presence__person--chip" style={{ borderColor: person.color }}
          title={person.group ? t(GROUP_APPEARANCE[person.group].labelKey) : undefined}>
          <span className="presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
          <span className="presence__name">{person.name}</span>
          <span className="presence__delegation">{delegationLabel(t, person.delegation, person.role)}</span>
          {person.group && <span className="visually-hidden">{`(${t(GROUP_APPEARANCE[person.group].labelKey)})`}</span>}
          <PersonNotes person={person} />
        </li>
      ))}
    </ul>
  );
}

function GroupSection({ group, folded }: { group: PresentGroup; folded: boolean }) {
  const { t } = useTranslation();
  const name = group.group ? t(GROUP_APPEARANCE[group.group].labelKey) : t("presenceGroups.noGroup");
  return (
    <Disclosure className="presence__group" defaultExpanded={!folded}>
      <Heading level={4} className="presence__group-heading">
        <Button slot="trigger" className="presence__group-toggle">
          {group.group && <span className="presence__swatch" style={{ backgroundColor: GROUP_APPEARANCE[group.group].color }} aria-hidden="true" />}
          {t("presenceGroups.heading", { name, count: group.count })}
        </Button>
      </Heading>
      <DisclosurePanel className="presence__group-panel">
        {group.delegations.map(({ delegation, people }) => (
          <div key={delegation ?? ""} className="presence__delegation-block">
            {(delegation !== null || group.group !== null) && (
              <h5 className="presence__delegation-heading">
                {t("presenceGroups.heading", { name: delegation ?? t("presenceGroups.noDelegation"), count: people.length })}
              </h5>
            )}
            <ul className="presence__people">
              {people.map((person) => <Person key={person.clientId} person={person} />)}
            </ul>
          </div>
        ))}
      </DisclosurePanel>
    </Disclosure>
  );
}

function Person({ person }: { person: PresentPerson }) {
  const { t } = useTranslation();
  return (
    <li className="presence__member">
      <span className="presence__member-name">{person.name}</span>
      {!person.delegation && <span className="presence__delegation">{delegationLabel(t, person.delegation, person.role)}</span>}
      <PersonNotes person={person} />
    </li>
  );
}

/** After a name: "(you)" for the signed-in account, and how many windows when more than one; each after a space. */
function PersonNotes({ person }: { person: PresentPerson }) {
  const { t } = useTranslation();
  return (
    <>
      {person.isSelf && <>{" "}<span className="presence__you">{t("presence.you")}</span></>}
      {person.windows > 1 && <>{" "}<span className="presence__windows">{t("presence.windows", { count: person.windows })}</span></>}
    </>
  );
}
