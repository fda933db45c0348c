import { integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/** Themes of offers and requests: data, not an enum. A null network is instance-wide. */
export const themeTable = pgTable(
  "theme",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    labelFr: text("label_fr").notNull(),
    labelEn: text("label_en").notNull(),
    position: integer("position").notNull().default(100),
  },
  (t) => [unique("theme_slug_network_uq").on(t.slug, t.networkId).nullsNotDistinct()],
);
export type Theme = typeof themeTable.$inferSelect;
export type NewTheme = typeof themeTable.$inferInsert;

export const questionnaireChoices = ["offer", "need", "not_now"] as const;
export type QuestionnaireChoice = (typeof questionnaireChoices)[number];
export const questionnaireChoiceEnum = pgEnum("questionnaire_choice", questionnaireChoices);

/** What a member said, theme by theme, at signup: could offer / would like / not now. */
export const questionnaireAnswerTable = pgTable(
  "questionnaire_answer",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id")
      .notNull()
      .references(() => themeTable.id, { onDelete: "cascade" }),
    choice: questionnaireChoiceEnum("choice").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.themeId] })],
);
export type QuestionnaireAnswer = typeof questionnaireAnswerTable.$inferSelect;
