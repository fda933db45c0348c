-- The themes met in the field; instance-wide (network_id null). Networks may add their own.
INSERT INTO "theme" ("slug", "label_fr", "label_en", "position") VALUES
  ('conseils', 'Conseils', 'Advice', 10),
  ('coups-de-main', 'Coups de main', 'A helping hand', 20),
  ('loisirs', 'Loisirs', 'Leisure', 30),
  ('pret-de-materiel', 'Prêt de matériel', 'Tool and equipment loans', 40),
  ('don', 'Don', 'Giving away', 50),
  ('covoiturage', 'Covoiturage', 'Carpooling', 60),
  ('achats-groupes', 'Achats groupés', 'Group purchases', 70),
  ('garde-animaux', 'Garde d''animaux', 'Pet sitting', 80),
  ('aide-personnes-agees', 'Aide aux personnes âgées / parrainage', 'Help for elderly neighbours / sponsorship', 90),
  ('reseautage-metiers', 'Réseautage-métiers', 'Job networking', 100),
  ('logement', 'Logement', 'Housing', 110),
  ('secourisme', 'Secourisme', 'First aid', 120),
  ('eco-gestes', 'Éco-gestes', 'Eco-gestures', 130),
  ('eco-projets', 'Éco-projets', 'Eco-projects', 140);
