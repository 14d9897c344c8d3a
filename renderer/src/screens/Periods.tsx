import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Periods() {
  return (
    <Page title="Periods">
      <Empty>即将提供</Empty>
    </Page>
  );
}
