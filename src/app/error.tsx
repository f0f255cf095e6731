"use client";

// Unknown errors never reach the user raw: a French message and a way back.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Une erreur est survenue</h1>
      <p>Le service n&apos;a pas pu afficher cette page. Réessayez dans un instant ; si le problème persiste, contactez l&apos;administrateur.</p>
      <button type="button" className="fr-btn" onClick={reset}>
        Réessayer
      </button>
    </>
  );
}
