import { disruptionImporter } from "./disruptions.ts";
import type { Importer } from "./importer.ts";
import { ocgImporter } from "./ocgs.ts";
import { outcomeImporter } from "./outcomes.ts";
import type { ImportKind } from "./schema.ts";

/** Every kind of import, each with its own columns, permission and service. */
export const importers: Record<ImportKind, Importer> = {
  ocgs: ocgImporter,
  disruptions: disruptionImporter,
  outcomes: outcomeImporter,
};
