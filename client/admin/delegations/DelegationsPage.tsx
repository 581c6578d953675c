import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Cell, Column, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { AdminUserView, DelegationView } from "../../../schemas/api.js";
import { listDelegations, listUsers } from "../adminApi.js";
import { LoadState, Pending } from "../ui/RequestState.js";
import { useAdminData } from "../ui/useAdminData.js";
import { AddDelegationDialog } from "./AddDelegationDialog.js";

function membersByDelegation(users: AdminUserView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of users) if (user.delegation) counts.set(user.delegation.id, (counts.get(user.delegation.id) ?? 0) + 1);
  return counts;
}

/** `/admin/delegations`: every delegation with its stakeholder group and how many people speak for it. */
export function DelegationsPage() {
  const { t } = useTranslation("admin");
  const delegations = useAdminData("delegations", listDelegations);
  const users = useAdminData("users", listUsers);
  const [added, setAdded] = useState<DelegationView | null>(null);
  const members = membersByDelegation(users.data ?? []);
  const rows = [...(delegations.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section aria-labelledby="delegations-title">
      <div className="section-bar">
        <h2 id="delegations-title" className="section-title">{t("delegations.title")}</h2>
        <AddDelegationDialog onAdded={(d) => { setAdded(d); delegations.reload(); }} />
      </div>
      <p role="status" className="section-status">{added && t("delegations.added", { name: added.name })}</p>
      {!delegations.data && <LoadState state={delegations.state} onRetry={delegations.reload} />}
      {delegations.data && (
        <Table aria-labelledby="delegations-title" className="table">
          <TableHeader>
            <Column isRowHeader>{t("delegations.name")}</Column>
            <Column>{t("delegations.group")}</Column>
            <Column className="table__numeric">{t("delegations.members")}</Column>
          </TableHeader>
          <TableBody items={rows} dependencies={[users.data]} renderEmptyState={() => <p className="table__empty">{t("delegations.empty")}</p>}>
            {(d) => (
              <Row id={d.id}>
                <Cell>{d.name}</Cell>
                <Cell>{t(`groups.${d.stakeholderGroup}`, { ns: "translation" })}</Cell>
                <Cell className="table__numeric">{users.data ? (members.get(d.id) ?? 0) : <Pending />}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
