import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Opening() {
  return (
    <Page title="Opening">
      <Empty>即将提供</Empty>
    </Page>
  );
}
