import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminUserView } from "../../../schemas/api.js";
import { useCurrentUser } from "../../session/SessionContext.js";
import { listDelegations, listUsers, unlockSignIn } from "../adminApi.js";
import { LoadState } from "../ui/RequestState.js";
import { useAdminData } from "../ui/useAdminData.js";
import { AccountStateDialog } from "./AccountStateDialog.js";
import { ChangePersonDialog } from "./ChangePersonDialog.js";
import { InvitePersonDialog } from "./InvitePersonDialog.js";
import { matchesFilter, NO_FILTER, type PeopleFilter } from "./peopleFilter.js";
import { PeopleFilters } from "./PeopleFilters.js";
import { PeopleTable, type PersonAction } from "./PeopleTable.js";
import { ResetPasswordDialog } from "./ResetPasswordDialog.js";

/** `/admin/people`: every account; invite people, change roles, disable accounts, make new links. */
export function PeoplePage() {
  const { t } = useTranslation("admin");
  const self = useCurrentUser();
  const users = useAdminData("users", listUsers);
  const delegations = useAdminData("delegations", listDelegations);
  const [filter, setFilter] = useState<PeopleFilter>(NO_FILTER);
  const [open, setOpen] = useState<{ action: PersonAction; person: AdminUserView } | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const all = users.data ?? [];
  const shown = all.filter((u) => matchesFilter(u, filter));
  const delegationList = [...(delegations.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const changed = (message: string) => {
    setOpen(null);
    setAnnouncement(message);
    users.reload();
  };

  return (
    <section aria-labelledby="people-title">
      <div className="section-bar">
        <h2 id="people-title" className="section-title">{t("people.title")}</h2>
        <InvitePersonDialog delegations={delegationList} onInvited={users.reload} />
      </div>
      <p className="notice">{t("people.immediateAll")}</p>
      <p role="status" className="section-status">{announcement}</p>
      {!users.data && <LoadState state={users.state} onRetry={users.reload} />}
      {users.data && (
        <>
          <PeopleFilters filter={filter} onChange={setFilter} delegations={delegationList} />
          <p className="muted table-count" aria-live="polite">
            {t("people.showing", { shown: shown.length, count: all.length })}
          </p>
          <PeopleTable people={shown} selfId={self.id} onAction={(action, person) => {
            if (action !== "unlock") return setOpen({ action, person });
            void unlockSignIn(person.id).then((result) =>
              changed(result.ok ? t("people.unlocked", { name: person.displayName }) : t("people.unlockFailed", { name: person.displayName })));
          }} />
        </>
      )}
      {open?.action === "change" && (
        <ChangePersonDialog person={open.person} delegations={delegationList} onClose={() => setOpen(null)}
          onChanged={(p) => changed(t("people.changed", { name: p.displayName }))} />
      )}
      {(open?.action === "disable" || open?.action === "enable") && (
        <AccountStateDialog person={open.person} disable={open.action === "disable"} onClose={() => setOpen(null)}
          onChanged={(p) => changed(p.disabled ? t("people.disabled", { name: p.displayName }) : t("people.enabled", { name: p.displayName }))} />
      )}
      {open?.action === "reset" && (
        <ResetPasswordDialog person={open.person} onClose={() => { setOpen(null); users.reload(); }} />
      )}
    </section>
  );
}
