import Link from "next/link";

export default function Unauthorized() {
  return (
    <>
      <h1>Connexion requise</h1>
      <p>Cette page est réservée aux agents connectés.</p>
      <p>
        <Link href="/connexion">Se connecter</Link>
      </p>
    </>
  );
}
