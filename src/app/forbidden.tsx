import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p>
        Votre organisation n&apos;est pas partie à cette convention, ou votre rôle ne permet pas cette action. Si vous
        pensez que c&apos;est une erreur, contactez l&apos;administrateur de Suivi FAST.
      </p>
      <p>
        <Link href="/conventions">Revenir à mes conventions</Link>
      </p>
    </>
  );
}
