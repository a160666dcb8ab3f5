import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  IconButton,
  ListItemText,
  Menu,
  MenuItem,
  TextField,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useListContext, useNotify, useStore, useTranslate } from 'react-admin';
import { api } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';

interface ViewParams {
  filters: Record<string, string>;
  sort?: string;
  order?: 'asc' | 'desc';
  columns?: string[];
  perPage?: number;
}
interface SavedView {
  id: string;
  name: string;
  params: ViewParams;
}

/** Saved views keep filters as strings: lists join with commas, yes/no become `true`/`false`. */
function filtersToStrings(filters: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

function filtersFromStrings(meta: ResourceMeta, filters: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filters)) {
    const column = meta.columns.find((c) => c.name === k);
    if (k.endsWith('_in') && typeof v === 'string') out[k] = v.split(',').filter(Boolean);
    else if (column?.type === 'boolean' && (v === 'true' || v === 'false')) out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

export const hiddenColumnsKey = (resource: string) => `${resource}.datatable`;
export const defaultHidden = (meta: ResourceMeta) =>
  meta.columns.filter((c) => !c.defaultVisible).map((c) => c.name);

/** Server-side saved views (filters, sort, columns, page size); hidden when the server has no views API. */
export function SavedViews({ meta }: { meta: ResourceMeta }) {
  const translate = useTranslate();
  const list = useListContext();
  const [hidden, setHidden] = useStore<string[]>(hiddenColumnsKey(meta.name), defaultHidden(meta));
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const { views, saveView, remove } = useSavedViews(meta);
  if (views === null || views === undefined) return null;

  const apply = (view: SavedView) => {
    const p = view.params;
    list.setFilters(filtersFromStrings(meta, p.filters ?? {}), {});
    if (p.sort) list.setSort({ field: p.sort, order: p.order === 'desc' ? 'DESC' : 'ASC' });
    if (p.perPage) list.setPerPage(p.perPage);
    if (p.columns?.length) setHidden(meta.columns.map((c) => c.name).filter((c) => !p.columns!.includes(c)));
    setAnchor(null);
  };
  const save = async () => {
    const params: ViewParams = {
      filters: filtersToStrings(list.filterValues),
      sort: list.sort.field || undefined,
      order: list.sort.field ? (list.sort.order === 'DESC' ? 'desc' : 'asc') : undefined,
      columns: meta.columns.map((c) => c.name).filter((c) => !hidden.includes(c)),
      perPage: list.perPage,
    };
    if (!(await saveView(name.trim(), params))) return;
    setNaming(false);
    setName('');
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<BookmarkIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="views-button"
      >
        {translate('od.resource.views')}
      </Button>
      <ViewsMenu
        anchor={anchor}
        views={views}
        onClose={() => setAnchor(null)}
        onApply={apply}
        onRemove={remove}
        onSaveAs={() => {
          setAnchor(null);
          setNaming(true);
        }}
      />
      <NameViewDialog
        open={naming}
        name={name}
        onName={setName}
        onCancel={() => setNaming(false)}
        onSave={save}
      />
    </>
  );
}

interface NameViewDialogProps {
  open: boolean;
  name: string;
  onName: (name: string) => void;
  onCancel: () => void;
  onSave: () => void;
}

/** Names the list as it is now, to save it as a view (Enter saves). */
function NameViewDialog({ open, name, onName, onCancel, onSave }: NameViewDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onCancel} fullWidth maxWidth="xs">
      <DialogTitle>{translate('od.resource.save_view')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={translate('od.resource.view_name')}
          value={name}
          onChange={(e) => onName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && onSave()}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('od.common.cancel')}</Button>
        <Button variant="contained" disabled={!name.trim()} onClick={onSave}>
          {translate('od.common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A resource's saved views (null: the server has no views API), and saving and deleting one. */
function useSavedViews(meta: ResourceMeta) {
  const notify = useNotify();
  const client = useQueryClient();
  const key = ['opsdesk', 'views', meta.name];
  const { data: views } = useQuery({
    queryKey: key,
    retry: false,
    queryFn: async () => {
      try {
        const res = await api<SavedView[] | { items: SavedView[] }>(
          `/api/views?resource=${encodeURIComponent(meta.name)}`,
        );
        return Array.isArray(res) ? res : res.items;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return null;
        throw err;
      }
    },
  });
  /** Saves a view; false when the server refused it (the reason shown). */
  const saveView = async (name: string, params: ViewParams): Promise<boolean> => {
    try {
      await api('/api/views', { method: 'POST', body: { resource: meta.name, name, params } });
      await client.invalidateQueries({ queryKey: key });
      notify('od.resource.view_saved', { type: 'success' });
      return true;
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      return false;
    }
  };
  const remove = async (view: SavedView) => {
    try {
      await api(`/api/views/${view.id}`, { method: 'DELETE' });
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return { views, saveView, remove };
}

interface ViewsMenuProps {
  anchor: HTMLElement | null;
  views: SavedView[];
  onClose: () => void;
  onApply: (view: SavedView) => void;
  onRemove: (view: SavedView) => void;
  /** Save the list as it is now, under a name. */
  onSaveAs: () => void;
}

/** The saved views, each applied by a click or deleted by its bin, and "Save this view". */
function ViewsMenu({ anchor, views, onClose, onApply, onRemove, onSaveAs }: ViewsMenuProps) {
  const translate = useTranslate();
  return (
    <Menu anchorEl={anchor} open={!!anchor} onClose={onClose}>
      {views.length === 0 && (
        <MenuItem disabled>
          <ListItemText secondary={translate('od.resource.no_views')} />
        </MenuItem>
      )}
      {views.map((view) => (
        <MenuItem key={view.id} onClick={() => onApply(view)} sx={{ gap: 1 }}>
          <ListItemText primary={view.name} />
          <IconButton
            size="small"
            edge="end"
            aria-label={translate('od.resource.delete_view')}
            onClick={(e) => {
              e.stopPropagation();
              onRemove(view);
            }}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </MenuItem>
      ))}
      <Divider />
      <MenuItem onClick={onSaveAs}>{translate('od.resource.save_view')}</MenuItem>
    </Menu>
  );
}
