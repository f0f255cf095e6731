// The convention's timeline: past events with their dates and authors, what is due next, what is late.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TimelineEvent, TimelineStatus } from "@/domain/schedule";
import { formatDate } from "@/domain/dates";

const STATUS: Record<TimelineStatus, { label: string; severity: "success" | "info" | "warning" | "error" | "new" | undefined }> = {
  PASSE: { label: "Fait", severity: "success" },
  ECHEANCE_PASSEE: { label: "Échéance passée", severity: undefined },
  A_VENIR: { label: "À venir", severity: "info" },
  EN_ATTENTE: { label: "En attente", severity: "new" },
  EN_RETARD: { label: "En retard", severity: "error" },
  SANS_OBJET: { label: "Sans objet", severity: undefined },
};

export function Timeline({ events, caption }: { events: TimelineEvent[]; caption: string }) {
  return (
    <ol className="suivi-timeline" aria-label={caption}>
      {events.map((event, index) => {
        const status = STATUS[event.status];
        return (
          <li key={`${event.kind}-${event.date}-${index}`} className={`suivi-timeline__item suivi-timeline__item--${event.status.toLowerCase()}`}>
            <p className={fr.cx("fr-text--sm", "fr-mb-0")}>
              <strong>{event.date ? formatDate(event.date) : "Date à venir"}</strong>{" "}
              <Badge as="span" small noIcon={!status.severity} severity={status.severity}>
                {status.label}
              </Badge>
            </p>
            <p className={fr.cx("fr-mb-0")}>
              {event.label}
              {event.author ? <span className={fr.cx("fr-text--sm")}> — {event.author}</span> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
