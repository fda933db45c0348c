import { A, useParams } from "@solidjs/router";
import { createResource, createSignal } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { InvitationList } from "../components/InvitationList.tsx";
import { FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { createNetworkResource } from "../network.ts";
import { session } from "../session.ts";
import type { Network, Role } from "../types.ts";

/** `/n/:slug/invitations`: animators create, list, revoke and print invitations. */
export default function Invitations() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  const [list, { refetch }] = createResource(() => params.slug, api.invitations);

  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page">
            <BackLink href={`/n/${network.slug}`} label={network.name} />
            <h1>{t("invitations.title", { network: network.name })}</h1>
            <CreateInvitation network={network} myRole={myRole} onCreated={() => void refetch()} />
            <section class="card" aria-labelledby="existing">
              <div class="card__heading">
                <h2 id="existing">{t("invitations.list")}</h2>
                <A href={`/n/${network.slug}/invitations/print`} class="button">{t("invitations.print")}</A>
              </div>
              <Loaded data={list}>
                {({ invitations }) => (
                  <InvitationList slug={network.slug} invitations={invitations} onChange={() => void refetch()} />
                )}
              </Loaded>
            </section>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}

function CreateInvitation(props: { network: Network; myRole: Role | null; onCreated: () => void }) {
  const form = createForm("invite", ["role", "maxUses", "expiresInDays", "note"]);
  const [role, setRole] = createSignal<Role>("member");
  const [maxUses, setMaxUses] = createSignal("1");
  const [days, setDays] = createSignal("30");
  const [note, setNote] = createSignal("");
  const [created, setCreated] = createSignal<string>();
  // Only pilots (and the admin) may make new pilots.
  const roles = (): Role[] =>
    props.myRole === "pilot" || session()?.member.isAdmin ? ["member", "animator", "pilot"] : ["member", "animator"];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setCreated(undefined);
    form.submit(async () => {
      const { invitation } = await api.createInvitation(props.network.slug, {
        role: role(),
        maxUses: Number(maxUses()) || 1,
        expiresInDays: Number(days()) || 30,
        ...(note().trim() ? { note: note().trim() } : {}),
      });
      setCreated(t("invitations.created", { code: invitation.code }));
      setNote("");
      props.onCreated();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t("invitations.create")}</h2>
      <FormAlert form={form} />
      <SelectField
        form={form} name="role" label={t("invitations.role")} required value={role()}
        onValue={(v) => setRole(v as Role)}
        options={roles().map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <div class="field-row">
        <TextField
          form={form} name="maxUses" label={t("invitations.maxUses")} type="number" inputMode="numeric"
          min={1} max={500} required value={maxUses()} onValue={setMaxUses}
        />
        <TextField
          form={form} name="expiresInDays" label={t("invitations.expires")} type="number" inputMode="numeric"
          min={1} max={365} required value={days()} onValue={setDays}
        />
      </div>
      <TextAreaField
        form={form} name="note" label={t("invitations.note")} hint={t("invitations.noteHint")}
        rows={2} maxLength={500} value={note()} onValue={setNote}
      />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("invitations.submit")}</button>
      <SuccessNotice message={created()} />
    </form>
  );
}
