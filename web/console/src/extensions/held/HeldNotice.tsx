import { Alert, Button, type SxProps, type Theme } from '@mui/material';

/** The line a held action shows while it waits: what happens in how many seconds, and its Undo. */
export function HeldNotice(props: {
  text: string;
  /** The Undo button's words. */
  undo: string;
  onUndo(): void;
  testId?: string;
  /** Default: `<testId>-undo`. */
  undoTestId?: string;
  sx?: SxProps<Theme>;
}) {
  const undoTestId = props.undoTestId ?? (props.testId ? `${props.testId}-undo` : undefined);
  return (
    <Alert
      severity="warning"
      data-testid={props.testId}
      sx={props.sx}
      action={
        <Button color="inherit" size="small" onClick={props.onUndo} data-testid={undoTestId}>
          {props.undo}
        </Button>
      }
    >
      {props.text}
    </Alert>
  );
}
