//! `x-ms-pageable`: walking the pages of a list.

use super::*;

/// One page of an `x-ms-pageable` operation's results.
pub trait Page: DeserializeOwned + Send + 'static {
    /// What the page lists.
    type Item;

    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Where an operation finds the next link in a page (operations that share a page model may
/// name different fields, or none).
pub type NextLink<P> = fn(&P) -> Option<&str>;

/// A page being fetched.
pub type PageFuture<P, E> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<P, Error<E>>> + Send>>;

/// Fetches the page a next link names through the operation the spec gives for it.
type NextPage<P, E> = Arc<dyn Fn(String) -> PageFuture<P, E> + Send + Sync>;

enum PagerState<P, E> {
    /// A page is being fetched.
    Fetching(PageFuture<P, E>),
    /// The next page is at this link.
    Next(String),
    Done,
}

/// A call of a pageable operation: `.await` it for the first page (with its status and headers),
/// or turn it into a [`Pager`] of all pages with [`PagedCall::into_pages`].
#[must_use = "a request is only sent when it is awaited or paged"]
pub struct PagedCall<P, H, E> {
    first: BoxFuture<'static, CallResult<P, H, E>>,
    /// The pager the first page starts (its state is set by `into_pages`).
    pager: Pager<P, E>,
}

impl<P, H, E> fmt::Debug for PagedCall<P, H, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PagedCall")
            .field("pager", &self.pager)
            .finish_non_exhaustive()
    }
}

impl<P: Page, H: Send + 'static, E: DeserializeOwned + Send + 'static> PagedCall<P, H, E> {
    /// The call `first` sends; next links are fetched with `options` and accept `expected`.
    pub fn new(
        pipeline: Pipeline,
        options: RequestOptions,
        expected: &'static [u16],
        next_link: NextLink<P>,
        first: impl std::future::Future<Output = CallResult<P, H, E>> + Send + 'static,
    ) -> Self {
        let pager = Pager::waiting(pipeline, options, expected, next_link);
        PagedCall {
            first: Box::pin(first),
            pager,
        }
    }

    /// See [`Pager::keep_query`].
    pub fn keep_query(mut self, name: &'static str, value: impl ParamValue) -> Self {
        self.pager = self.pager.keep_query(name, value);
        self
    }

    /// See [`Pager::next_with`].
    pub fn next_with(mut self, next: impl Fn(String) -> PageFuture<P, E> + Send + Sync + 'static) -> Self {
        self.pager = self.pager.next_with(next);
        self
    }

    /// Every page of the results, following each page's next link: a `Stream` of pages (or call
    /// [`Pager::next_page`], or [`Pager::all_items`]).
    pub fn into_pages(self) -> Pager<P, E> {
        let PagedCall { first, mut pager } = self;
        pager.state = PagerState::Fetching(Box::pin(async move { first.await.map(Response::into_value) }));
        pager
    }
}

impl<P: Page, H: Send + 'static, E: DeserializeOwned + Send + 'static> std::future::IntoFuture for PagedCall<P, H, E> {
    type Output = CallResult<P, H, E>;
    type IntoFuture = BoxFuture<'static, CallResult<P, H, E>>;

    fn into_future(self) -> Self::IntoFuture {
        self.first
    }
}

/// The pages of a pageable operation's results: a [`futures_core::Stream`] of pages that follows
/// each page's next link (same scheme, host and port only), or call [`Pager::next_page`].
pub struct Pager<P, E> {
    pipeline: Pipeline,
    options: RequestOptions,
    expected: &'static [u16],
    next_link: NextLink<P>,
    next: Option<NextPage<P, E>>,
    /// A query parameter every next link carries with the client's value (`api-version`).
    keep_query: Option<(&'static str, String)>,
    state: PagerState<P, E>,
}

impl<P, E> fmt::Debug for Pager<P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("pipeline", &self.pipeline)
            .finish_non_exhaustive()
    }
}

impl<P: Page, E: DeserializeOwned + Send + 'static> Pager<P, E> {
    /// Pages starting with the one `first` fetches.
    pub fn new(
        pipeline: Pipeline,
        options: RequestOptions,
        expected: &'static [u16],
        next_link: NextLink<P>,
        first: impl std::future::Future<Output = Result<P, Error<E>>> + Send + 'static,
    ) -> Self {
        let mut pager = Pager::waiting(pipeline, options, expected, next_link);
        pager.state = PagerState::Fetching(Box::pin(first));
        pager
    }

    /// A pager without its first page yet (a [`PagedCall`] gives it one).
    fn waiting(pipeline: Pipeline, options: RequestOptions, expected: &'static [u16], next_link: NextLink<P>) -> Self {
        Pager {
            pipeline,
            options,
            expected,
            next_link,
            next: None,
            keep_query: None,
            state: PagerState::Done,
        }
    }

    /// Sets query parameter `name` to `value` in every next link, replacing the link's own (the
    /// client's `api-version`, which Azure services expect on next links too).
    pub fn keep_query(mut self, name: &'static str, value: impl ParamValue) -> Self {
        self.keep_query = Some((name, value.to_param()));
        self
    }

    /// Fetches each next page with `next` (given the page's next link) instead of a GET of the
    /// link: `x-ms-pageable.operationName`.
    pub fn next_with(mut self, next: impl Fn(String) -> PageFuture<P, E> + Send + Sync + 'static) -> Self {
        self.next = Some(Arc::new(next));
        self
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Option<Result<P, Error<E>>> {
        std::future::poll_fn(|cx| futures_core::Stream::poll_next(std::pin::Pin::new(&mut *self), cx)).await
    }

    /// Every item of every page.
    pub async fn all_items(mut self) -> Result<Vec<P::Item>, Error<E>> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?.into_items());
        }
        Ok(items)
    }

    fn fetch(&self, link: String) -> PageFuture<P, E> {
        if let Some(next) = &self.next {
            return next(link);
        }
        let (pipeline, options, expected) = (self.pipeline.clone(), self.options.clone(), self.expected);
        let link = match &self.keep_query {
            Some((name, value)) => with_query(&link, name, value),
            None => link,
        };
        Box::pin(async move {
            let response = pipeline.send(Request::new(Method::GET, link), options).await?;
            response.json::<P, (), E>(expected).map(Response::into_value)
        })
    }
}

impl<P: Page, E: DeserializeOwned + Send + 'static> futures_core::Stream for Pager<P, E> {
    type Item = Result<P, Error<E>>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                PagerState::Done => return std::task::Poll::Ready(None),
                PagerState::Next(link) => {
                    let link = std::mem::take(link);
                    this.state = PagerState::Fetching(this.fetch(link));
                }
                PagerState::Fetching(future) => {
                    let result = std::task::ready!(future.as_mut().poll(cx));
                    this.state = match &result {
                        Ok(page) => match (this.next_link)(page) {
                            Some(link) if !link.is_empty() => PagerState::Next(link.to_string()),
                            _ => PagerState::Done,
                        },
                        Err(_) => PagerState::Done,
                    };
                    return std::task::Poll::Ready(Some(result));
                }
            }
        }
    }
}

/// `link` with query parameter `name` (compared without case) set to `value`.
fn with_query(link: &str, name: &str, value: &str) -> String {
    let (base, fragment) = link.split_once('#').map_or((link, None), |(b, f)| (b, Some(f)));
    let (path, query) = base.split_once('?').map_or((base, ""), |(p, q)| (p, q));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !pair.split('=').next().unwrap_or_default().eq_ignore_ascii_case(name))
        .collect();
    let (name, value) = encoded_pair(name, value);
    let added = format!("{name}={value}");
    pairs.push(&added);
    let mut out = format!("{path}?{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}
