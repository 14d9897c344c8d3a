import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Operators() {
  return (
    <Page title="Operators">
      <Empty>即将提供</Empty>
    </Page>
  );
}
