// Rules for the password of a local account (accounts that do not sign in through ProConnect): long
// enough, not the account's e-mail, not one of the passwords everybody tries first. Length over
// composition rules, as ANSSI and NIST recommend: no forced mix of digits and symbols, but a floor of 12
// characters and a refusal of the predictable. Pure; the server calls it wherever a password is set.
import { failure, messageOf, type Failure } from "./failures";

export const PASSWORD_MIN_LENGTH = 12;
/** The login form accepts up to 200 characters: a longer password could never be typed in. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblemCode = "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_CONTAINS_EMAIL" | "PASSWORD_COMMON" | "PASSWORD_REPETITIVE";

/** A rule the password breaks: a failure of the catalogue (its words: `messageOf`). */
export type PasswordProblem = Failure<PasswordProblemCode>;

export type PasswordCheck = { ok: true } | { ok: false; problems: PasswordProblem[]; message: string };

/**
 * Among the most used passwords (international lists and French ones), compared once the password is
 * reduced to its letters (see coreOf): "Motdepasse2024!", "P@ssw0rd123" and "azerty-azerty" all fall here.
 */
const COMMON = new Set(
  `
  password passwort passw motdepasse motdepass mdp secret secrets changeme changemoi bienvenue welcome
  bonjour bonsoir salut coucou hello letmein iloveyou jetaime jetadore amour monamour loveyou love
  azerty azertyuiop azertyu azertyui qwerty qwertyuiop qwertz qwertzuiop asdfgh asdfghjkl qsdfghjklm
  wxcvbn zxcvbn zxcvbnm abcdef abcdefgh abcdefghij abcabc azeqsd
  admin administrator administrateur root utilisateur user username login connexion access acces
  default defaut test testing demo essai master dragon monkey shadow sunshine princess princesse
  football soccer baseball basketball superman batman spiderman starwars pokemon naruto
  trustno michael jordan charlie freedom whatever qazwsx
  soleil doudou loulou chouchou nounours cheval chocolat tresor bisous bebe cherie poupette
  marseille paris lyon toulouse bordeaux nantes lille nice strasbourg france liberte
  nicolas julien thomas camille alexandre celine marine manon julie sophie pierre
  vivelavie carpediem hakunamatata
  gouvernement ministere etat fonctionnaire service
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Keyboard rows and the alphabet, forwards and backwards: a slice of one is not a password. */
const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm", "012345678901234567890"].flatMap(
  (s) => [s, [...s].reverse().join("")],
);

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "€": "e", "!": "i" };

/** Lower case, without accents. */
function plain(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * What is left of a password once the usual decorations are gone: the digits and symbols around it,
 * then look-alike characters read as letters (P@ssw0rd → password), then anything but letters.
 */
function coreOf(password: string): string {
  const stripped = plain(password).replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  return [...stripped]
    .map((c) => LEET[c] ?? c)
    .join("")
    .replace(/[^\p{L}]/gu, "");
}

/** True when the text is a word of the list or such a word repeated (azertyazerty). */
function isCommon(core: string): boolean {
  if (!core) return false;
  if (COMMON.has(core)) return true;
  const unit = /^(.+?)\1+$/u.exec(core)?.[1];
  return unit !== undefined && (COMMON.has(unit) || unit.length <= 3);
}

function isSequence(password: string): boolean {
  const text = plain(password).replace(/[^\p{L}\p{N}]/gu, "");
  return text.length >= 6 && SEQUENCES.some((s) => s.includes(text));
}

/**
 * Checks a new password for the account with this e-mail. Returns every problem at once, each with its
 * French message, so that a form can say all that is to change.
 */
export function checkPassword(password: string, account: { email: string }): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(failure("PASSWORD_TOO_SHORT", { min: PASSWORD_MIN_LENGTH, length }));
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(failure("PASSWORD_TOO_LONG", { max: PASSWORD_MAX_LENGTH }));
  }
  const email = plain(account.email.trim());
  const localPart = email.split("@")[0] ?? "";
  const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");
  const pw = plain(password);
  if (
    pw === email ||
    (localPart.length >= 3 && pw.includes(localPart)) ||
    (letters(localPart).length >= 4 && letters(pw).includes(letters(localPart)))
  ) {
    problems.push(failure("PASSWORD_CONTAINS_EMAIL"));
  }
  if (isCommon(coreOf(password)) || isSequence(password)) {
    problems.push(failure("PASSWORD_COMMON"));
  } else if (length >= PASSWORD_MIN_LENGTH && new Set(pw).size < 5) {
    problems.push(failure("PASSWORD_REPETITIVE"));
  }
  if (problems.length === 0) return { ok: true };
  return { ok: false, problems, message: problems.map(messageOf).join(" ") };
}
