import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function FlatsPage() {
  return <PlaceholderPage title="flats.title" />;
}
