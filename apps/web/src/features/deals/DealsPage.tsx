import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function DealsPage() {
  return <PlaceholderPage title="deals.title" />;
}
