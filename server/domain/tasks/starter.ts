// The method's usual tasks, offered to a new animation group as a starting
// point: each one is added (and edited) at will. Worded in both languages,
// like the themes.
import type { TaskCategory, TaskRepeat } from "../../../db/schema/index.ts";

export interface StarterTask {
  key: string;
  category: TaskCategory;
  title: { fr: string; en: string };
  notes: { fr: string; en: string };
  repeat: TaskRepeat | null;
  daysBefore: number | null;
}

const task = (key: string, category: TaskCategory, title: [string, string], notes: [string, string], repeat: TaskRepeat | null = null, daysBefore: number | null = null): StarterTask => ({
  key,
  category,
  title: { fr: title[0], en: title[1] },
  notes: { fr: notes[0], en: notes[1] },
  repeat,
  daysBefore,
});

export const starterTasks: StarterTask[] = [
  task("invitations", "inscriptions", ["Préparer des invitations pour le prochain café", "Prepare invitations for the next café"],
    ["Imprimer des cartes d'invitation à remettre en main propre.", "Print invitation cards to hand out in person."], "each_cafe", 3),
  task("welcome", "inscriptions", ["Accueillir les nouveaux membres", "Welcome the new members"],
    ["Les appeler, les aider à remplir le questionnaire, leur proposer un parrain si besoin.", "Call them, help them fill in the questionnaire, offer a sponsor if needed."]),
  task("poster", "communication", ["Mettre l'affiche à jour dans les halls", "Update the poster in the halls"],
    ["Imprimer l'affiche avec la date du prochain café.", "Print the poster with the next café's date."], "monthly"),
  task("offers-sheet", "communication", ["Distribuer la feuille des offres", "Hand out the offers sheet"],
    ["Pour les voisins sans internet : la déposer chez les parrains et au café.", "For neighbours without internet: leave it with the sponsors and at the café."], "each_cafe", 2),
  task("room", "cafes", ["Réserver la salle du café-rencontre", "Book the room for the café-rencontre"], ["", ""], "each_cafe", 14),
  task("cafe", "cafes", ["Préparer le café-rencontre", "Prepare the café-rencontre"],
    ["Boissons, gâteaux, liste des présents à imprimer.", "Drinks, cakes, the list of participants to print."], "each_cafe", 1),
  task("expiring", "plateforme", ["Relancer les offres qui expirent", "Follow up on expiring offers"],
    ["Vérifier les offres et demandes anciennes avec leurs auteurs.", "Check old offers and requests with their authors."], "monthly"),
  task("sponsors", "plateforme", ["Aider les parrains", "Help the sponsors"],
    ["Montrer comment agir pour un voisin sans internet.", "Show how to act for a neighbour without internet."]),
  task("fete", "evenementiel", ["Préparer la fête de la coopération", "Prepare the cooperation festival"],
    ["Date, lieu, programme, appel aux bonnes volontés.", "Date, place, programme, a call for volunteers."]),
  task("attendance", "reporting", ["Pointer les présences du café", "Tick who came to the café"],
    ["Sur la liste des participants, le jour même.", "On the list of participants, the same day."], "each_cafe", 0),
  task("report", "reporting", ["Rédiger le rapport d'activités", "Write the yearly activity report"],
    ["Les chiffres sont prêts : écrire l'introduction et les remerciements.", "The figures are ready: write the introduction and the thanks."]),
];

export const findStarter = (key: string) => starterTasks.find((s) => s.key === key);
