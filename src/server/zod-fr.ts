// zod speaks French everywhere on the server: any message we did not write ourselves comes from zod's
// own French locale. Imported once by every module that validates input.
import { z } from "zod";
import { fr } from "zod/locales";

z.config(fr());

export { z };
