import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Communities() {
  return (
    <Page title="Communities">
      <Empty>即将提供</Empty>
    </Page>
  );
}
