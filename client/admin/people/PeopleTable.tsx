import { useTranslation } from "react-i18next";
import {
  Button, Cell, Column, Menu, MenuItem, MenuTrigger, Popover, Row, Table, TableBody, TableHeader, type Key,
} from "react-aria-components";
import type { AdminUserView } from "../../../schemas/api.js";
import { personStatus } from "./peopleFilter.js";

/** Something the secretariat can do to one account from its row. */
export type PersonAction = "change" | "disable" | "enable" | "reset" | "unlock";

/** Props of {@link PeopleTable}. */
export interface PeopleTableProps {
  people: AdminUserView[];
  /** The signed-in secretariat member, who cannot disable or demote themselves. */
  selfId: string;
  onAction(action: PersonAction, person: AdminUserView): void;
}

/** Every account with its role, delegation and status, and a menu of actions per row. */
export function PeopleTable({ people, selfId, onAction }: PeopleTableProps) {
  const { t, i18n } = useTranslation("admin");
  return (
    <Table aria-label={t("people.tableLabel")} className="table">
      <TableHeader>
        <Column isRowHeader>{t("people.name")}</Column>
        <Column>{t("people.email")}</Column>
        <Column>{t("people.role")}</Column>
        <Column>{t("people.delegation")}</Column>
        <Column>{t("people.status")}</Column>
        <Column><span className="visually-hidden">{t("people.actions")}</span></Column>
      </TableHeader>
      <TableBody items={people} dependencies={[selfId, onAction]} renderEmptyState={() => <p className="table__empty">{t("people.empty")}</p>}>
        {(person) => {
          const status = personStatus(person);
          return (
            <Row id={person.id} className={`table__row table__row--${status}`}>
              <Cell>{person.displayName}</Cell>
              <Cell className="table__email">{person.email}</Cell>
              <Cell>{t(`roles.${person.role}`, { ns: "translation" })}</Cell>
              <Cell>{person.delegation?.name ?? <span className="muted">{t("people.noDelegationShort")}</span>}</Cell>
              <Cell>
                <span className={`badge badge--${status}`}>{t(`people.statuses.${status}`)}</span>
                {person.signInHeldUntil && (
                  <span className="badge badge--held" data-sign-in-held="">
                    {t("people.signInHeld", { time: new Date(person.signInHeldUntil).toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit" }) })}
                  </span>
                )}
              </Cell>
              <Cell className="table__actions">
                <PersonMenu person={person} isSelf={person.id === selfId} onAction={onAction} />
              </Cell>
            </Row>
          );
        }}
      </TableBody>
    </Table>
  );
}

function PersonMenu({ person, isSelf, onAction }: { person: AdminUserView; isSelf: boolean; onAction: PeopleTableProps["onAction"] }) {
  const { t } = useTranslation("admin");
  const status = personStatus(person);
  const items: { id: PersonAction; label: string }[] = [
    { id: "change", label: t("people.menu.change") },
    status === "disabled" ? { id: "enable", label: t("people.menu.enable") } : { id: "disable", label: t("people.menu.disable") },
  ];
  if (status !== "disabled") {
    items.push({ id: "reset", label: status === "invited" ? t("people.menu.newInvitation") : t("people.menu.reset") });
  }
  if (person.signInHeldUntil) items.push({ id: "unlock", label: t("people.menu.unlock") });
  // Giving up one's own secretariat role or account would lock the secretariat out; the server refuses it too.
  const disabledKeys: PersonAction[] = isSelf ? ["change", "disable"] : [];
  return (
    <MenuTrigger>
      <Button className="button button--small" aria-label={t("people.actionsFor", { name: person.displayName })}>
        {t("people.actions")} <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" items={items} disabledKeys={disabledKeys}
          onAction={(key: Key) => onAction(key as PersonAction, person)}>
          {(item) => <MenuItem className="menu__item" id={item.id}>{item.label}</MenuItem>}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
