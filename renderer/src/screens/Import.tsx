import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Import() {
  return (
    <Page title="Import">
      <Empty>即将提供</Empty>
    </Page>
  );
}
