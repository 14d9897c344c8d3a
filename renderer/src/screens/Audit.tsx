import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Audit() {
  return (
    <Page title="Audit">
      <Empty>即将提供</Empty>
    </Page>
  );
}
