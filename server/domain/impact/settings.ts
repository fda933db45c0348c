// Who sees a network's figures besides its animation group: everyone (the
// totals, on the network page), and its partner networks (a regional
// network adds them up). Both are off until the animators choose.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { impactSettingsTable, type Member } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { ok, transact, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";
import type { ImpactSettingsView } from "./shape.ts";

export const defaultSettings: ImpactSettingsView = { publicSummary: false, shareWithPartners: false, showPartners: false };

export async function settingsOf(db: DatabaseLike, networkId: string): Promise<ImpactSettingsView> {
  const [row] = await db.select().from(impactSettingsTable).where(eq(impactSettingsTable.networkId, networkId)).limit(1);
  return row ? { publicSummary: row.publicSummary, shareWithPartners: row.shareWithPartners, showPartners: row.showPartners } : { ...defaultSettings };
}

export async function readImpactSettings(db: DatabaseLike, member: Member, slug: string): Promise<Result<ImpactSettingsView>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  return ok(await settingsOf(db, allowed.value.network.id));
}

export async function saveImpactSettings(db: DatabaseLike, member: Member, slug: string, changes: Partial<ImpactSettingsView>): Promise<Result<ImpactSettingsView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    const next = { ...(await settingsOf(tx, networkId)), ...changes };
    await tx.insert(impactSettingsTable).values({ networkId, ...next }).onConflictDoUpdate({ target: impactSettingsTable.networkId, set: next });
    await recordAct(tx, selfActor(member), "impact.settings", changes, networkId);
    return ok(next);
  });
}
