// tandem.local/test/toolbox-next:<busybox version>: the toolbox image with
// one more label, so another manifest and config digest: the "new version"
// of a sidecar image for the real node's in-place upgrade test, whose
// imageID must change while the files stay the same.
import type { ImageRecipe } from '../../../scripts/image/recipe.ts';
import { recipe as toolbox } from '../toolbox/recipe.ts';

export const recipe: ImageRecipe = {
  ...toolbox,
  name: 'toolbox-next',
  files: [...toolbox.files, 'test/images/toolbox-next'],
  image: (facts, context) => {
    const base = toolbox.image(facts, context);
    return {
      ...base,
      ref: base.ref.replace('tandem.local/test/toolbox:', 'tandem.local/test/toolbox-next:'),
      config: { ...base.config, labels: { ...base.config.labels, 'dev.tandem.test/release': 'next' } },
    };
  },
};
