import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page ou la convention demandée n&apos;existe pas, ou son adresse est incorrecte.</p>
      <p>
        <Link href="/">Revenir à l&apos;accueil</Link>
      </p>
    </>
  );
}
