import { asc, eq, isNull, or } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { questionnaireAnswerTable, themeTable, type Member, type QuestionnaireChoice, type Theme } from "../../db/schema/index.ts";
import type { Actor } from "./acts.ts";
import { recordAct } from "./acts.ts";
import { fail, ok, transact, type Result } from "./result.ts";

/** Instance-wide themes, plus the network's own when one is given. */
export async function listThemes(db: DatabaseLike, networkId?: string): Promise<Theme[]> {
  const scope = networkId ? or(isNull(themeTable.networkId), eq(themeTable.networkId, networkId)) : isNull(themeTable.networkId);
  return db.select().from(themeTable).where(scope).orderBy(asc(themeTable.position), asc(themeTable.labelFr));
}

export interface Answer {
  theme: string;
  choice: QuestionnaireChoice;
}

export async function questionnaireOf(db: DatabaseLike, member: Member): Promise<Answer[]> {
  const rows = await db
    .select({ theme: themeTable.slug, choice: questionnaireAnswerTable.choice })
    .from(questionnaireAnswerTable)
    .innerJoin(themeTable, eq(themeTable.id, questionnaireAnswerTable.themeId))
    .where(eq(questionnaireAnswerTable.memberId, member.id))
    .orderBy(asc(themeTable.position));
  return rows;
}

/** Saves the answers given (others stay as they were); unknown themes are refused whole. */
export async function saveQuestionnaire(db: DatabaseLike, actor: Actor, answers: Answer[]): Promise<Result<Answer[]>> {
  return transact(db, async (tx) => {
    const themes = await tx.select().from(themeTable);
    for (const answer of answers) {
      const theme = themes.find((t) => t.slug === answer.theme);
      if (!theme) return fail("invalid", "unknown_theme", `Unknown theme "${answer.theme}"`, "answers");
      await tx
        .insert(questionnaireAnswerTable)
        .values({ memberId: actor.member.id, themeId: theme.id, choice: answer.choice })
        .onConflictDoUpdate({
          target: [questionnaireAnswerTable.memberId, questionnaireAnswerTable.themeId],
          set: { choice: answer.choice, updatedAt: new Date() },
        });
    }
    await recordAct(tx, actor, "questionnaire.save", { themes: answers.length });
    return ok(await questionnaireOf(tx, actor.member));
  });
}

