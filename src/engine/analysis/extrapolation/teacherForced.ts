/**
 * Teacher-forced metrics of a sequence model on the validation words: the loss with PAD targets
 * masked (what training minimises), the loss with them counted (as the reference reports it, so
 * numbers compare with the paper's), and the next-token accuracy on non-PAD targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Session } from '../../train/session';
import { accuracy, crossEntropy } from '../../train/loss';

export interface TeacherForced {
  valLoss: number;
  valLossUnmasked: number;
  valAcc: number;
}

/** Metrics of the session's current weights on its validation (test) sequences. */
export function teacherForced(session: Session): TeacherForced {
  const { model, dataset } = session;
  const batch = model.batch(dataset, dataset.test);
  try {
    const values = tf.tidy(() => {
      const { logits } = model.forward(batch);
      return tf.stack([
        crossEntropy(logits, batch.targets, batch.weights),
        crossEntropy(logits, batch.targets),
        accuracy(logits, batch.labels, batch.weights),
      ]);
    });
    const [valLoss, valLossUnmasked, valAcc] = values.dataSync();
    values.dispose();
    return { valLoss, valLossUnmasked, valAcc };
  } finally {
    const tensors = [...batch.inputs, batch.labels, batch.targets];
    tf.dispose(batch.weights ? [...tensors, batch.weights] : tensors);
  }
}
