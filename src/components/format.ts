// Display helpers shared by server and client components.
export { formatEuros } from "@/domain/money";
export { formatDate } from "@/domain/dates";
export { formatMoment } from "@/domain/invitation-mail";
